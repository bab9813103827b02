"""Clean: strip site furniture by data rules (rules/*.yaml) and by context; keep every sentence.

清理：按 rules/*.yaml 中的数据规则和上下文判断删除网站框架，正文一句不丢。
"""
