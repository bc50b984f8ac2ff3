"""Test view policy: the project's table plus the statistics rules, for as long as
config/policy.py does not gather them yet (see conftest.py)."""

from config.policy import VIEW_POLICY as PROJECT_POLICY
from helhet.shelter.statistics.policy import POLICY

VIEW_POLICY = {**PROJECT_POLICY, **POLICY}
