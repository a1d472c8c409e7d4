# coding: utf-8
x = f"{1}ÿ"
