"""`python -m sco_cal`."""

from sco_cal.cli import main

main()
