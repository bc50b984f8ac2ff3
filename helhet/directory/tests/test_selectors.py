"""The portal's reads of the directory."""

import pytest

from helhet.directory.choices import NeedCode
from helhet.directory.selectors import services_find, taxonomy_terms_for_needs

pytestmark = pytest.mark.django_db


def test_the_need_terms_exist_without_demo_data_in_portal_order():
    codes = [term.code for term in taxonomy_terms_for_needs()]
    assert codes == list(NeedCode.values)


def test_find_returns_nothing_when_nothing_is_published():
    assert list(services_find(text="krisesenter")) == []
