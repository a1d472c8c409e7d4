#!/usr/bin/env python3
# coding: fake8
x = 1
