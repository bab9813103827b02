"""tigang (the ``outline`` command): turn Chinese speeches and articles into structured training outlines.

tigang（提纲）：把讲话稿、新闻稿整理成结构化的培训提纲（标题、层级、元信息），自动去除网页噪声。
"""
__version__ = "0.1.0"
