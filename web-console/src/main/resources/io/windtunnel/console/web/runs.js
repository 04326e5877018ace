// runs
