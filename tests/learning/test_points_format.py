"""Partial credit is written the way each language writes decimals (partner trial: "0,33 poin")."""
from __future__ import annotations

from flask import render_template_string
from flask_babel import force_locale


def test_points_use_a_decimal_comma_in_indonesian(app):
    with app.test_request_context():
        template = '{{ _("Sebagian benar (%(points)s poin)", points=value|decimal) }}'
        with force_locale("id"):
            assert render_template_string(template, value=1 / 3) == "Sebagian benar (0,33 poin)"
            assert render_template_string("{{ 0.5|decimal }} {{ 1.0|decimal }}") == "0,5 1"
        with force_locale("en"):
            assert render_template_string("{{ value|decimal }}", value=1 / 3) == "0.33"


def test_report_figures_have_one_decimal_in_each_language(app):
    with app.test_request_context():
        template = "{{ 12.5|percent }} {{ 80.0|percent }} {{ 66.66|number }} {{ none|percent }} {{ none|number }}"
        with force_locale("id"):
            assert render_template_string(template) == "12,5% 80% 66,7 – –"
        with force_locale("en"):
            assert render_template_string(template) == "12.5% 80% 66.7 – –"
