# coding: ascii
x = "café"
