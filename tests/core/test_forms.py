"""The project's form renderer and the submission id every creating form carries."""

from __future__ import annotations

import uuid

from django import forms

from helhet.core.forms import SubmissionForm


class _Sample(SubmissionForm):
    name = forms.CharField(label="Navn", max_length=20)
    note = forms.CharField(label="Merknad", required=False, widget=forms.Textarea)
    agree = forms.BooleanField(label="Enig", required=False)
    kind = forms.ChoiceField(
        label="Type", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    day = forms.DateField(label="Dato", widget=forms.DateInput(attrs={"type": "date"}))


def test_boxed_widgets_get_the_design_system_class_and_others_do_not():
    html = str(_Sample())
    assert 'class="ds-input" id="id_name"' in html or 'id="id_name"' in html
    form = _Sample()
    assert "ds-input" in str(form["name"])
    assert "ds-input" in str(form["note"])
    assert 'type="date"' in str(form["day"]) and "ds-input" in str(form["day"])
    assert "ds-input" not in str(form["agree"])
    assert "ds-input" not in str(form["kind"])


def test_fields_are_drawn_by_the_project_template_with_labels_and_optional_marker():
    html = str(_Sample())
    assert '<label class="ds-label" for="id_name">Navn</label>' in html
    assert "valgfritt" in html  # the optional note
    assert '<fieldset class="ds-fieldset' in html  # the radio group
    assert 'type="hidden" name="submission_id"' in html


def test_an_error_is_shown_beside_its_field_and_announced():
    form = _Sample(data={"submission_id": str(uuid.uuid4()), "kind": "a", "day": "2026-01-01"})
    assert not form.is_valid()
    html = str(form["name"].as_field_group())
    assert 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_a_post_without_a_submission_id_is_refused_with_a_clear_message():
    form = _Sample(data={"name": "x", "kind": "a", "day": "2026-01-01"})
    assert not form.is_valid()
    assert "Last inn siden på nytt" in form.errors["submission_id"][0]


def test_each_new_form_gets_a_fresh_submission_id():
    assert _Sample()["submission_id"].initial != _Sample()["submission_id"].initial


def test_a_form_can_leave_out_the_optional_marker_for_pages_in_other_languages():
    class Public(_Sample):
        show_optional_marker = False

    assert "valgfritt" not in str(Public())
    assert "valgfritt" in str(_Sample())
