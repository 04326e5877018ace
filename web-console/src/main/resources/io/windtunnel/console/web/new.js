// new
