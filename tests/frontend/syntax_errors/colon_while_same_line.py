# expected ':' after while_same_line
while x pass
