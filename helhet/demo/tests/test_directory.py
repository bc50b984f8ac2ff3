"""The demo's help offer."""

import io

import pytest

from helhet.demo import directory as demo
from helhet.demo.region import seed_region
from helhet.directory.models import Service

pytestmark = pytest.mark.django_db


def test_the_demo_help_offer_is_created_once_and_published():
    region = seed_region()
    demo.seed(region, io.StringIO())
    count = Service.objects.count()
    demo.seed(region, io.StringIO())
    assert Service.objects.count() == count == len(demo.OFFERS)
    assert Service.objects.filter(is_published=True).count() == count
    assert Service.objects.filter(translations__language="en").count() == count
