"""`python -m sco_cal`."""

from sco_cal.launch import main

main()
