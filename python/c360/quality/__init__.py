"""Great Expectations quality gates: the suites of every layer (`suites`) and the gate that runs them
inside `dbt build` (`gate`)."""
