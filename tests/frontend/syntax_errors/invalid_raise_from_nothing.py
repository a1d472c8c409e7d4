# raise ... from with no cause
raise ValueError from
