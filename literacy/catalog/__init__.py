"""The course catalog students browse: modules by pillar, module pages and lesson pages."""
