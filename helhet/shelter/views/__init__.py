"""Pages of the crisis centre, one module per sub-domain. Thin: chokepoint or selector →
form → service → redirect. No view queries a model itself (the selectors do) and no rule
is written here (the services and selectors hold them)."""
