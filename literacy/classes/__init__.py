"""Facilitators' classes: a class code students join with, and the roster a facilitator looks after."""
