"""Stage 5, rules: the checks a reviewer makes beyond presence. ``registry`` knows the check types and
validates their params, ``checks/`` holds one module per type, ``findings`` runs them, ``parts`` finds
where an element is written."""
