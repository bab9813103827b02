"""Structure: title, meta, heading candidates, 目录 reconciliation and the heading tree.

结构：标题、元信息、标题候选、目录对齐和标题树。
"""
