# an if with nothing but a comment after it
if      # comment
