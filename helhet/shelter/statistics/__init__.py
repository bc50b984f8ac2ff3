"""Crisis-centre statistics for Bufdir's annual report, computed from the records.

Nothing here is typed in: every figure is an aggregate over stays, children, day contacts,
phone contacts and referrals, counted in the database (`compute.py`, over the querysets
of `scope.py`, with the table builders of `building.py`). The counting rules
(domain.md §2), and the decisions we made where Bufdir's guide leaves room:

- A *stay* belongs to the year it began (the resident form is filled at arrival). A stay
  that crosses New Year is one stay, in its arrival year.
- A *resident* is a stay flagged as the person's first stay in the year
  (`Stay.first_stay_of_year`, set by the shelter service at intake); the resident's
  attributes (gender, age, referrer, violence, perpetrator) are taken from that stay.
  Age is the age reached in the year of the stay (year − birth year).
- *Overnights* are the nights between arrival and departure (to today while the stay is
  open), clipped to the calendar year: a stay that crosses New Year counts its nights in
  each year. Adults and children are counted separately.
- *Statistics consent.* Only stays with consent to statistics registration count as
  residents, stays and children, and only they appear in the per-person tables. A stay
  without consent (an adult who said no, or a child under 16 whose caregiver said no) is
  counted in one place only: the overnight totals, because overnights describe the use of
  the centre's beds rather than the person. The overview shows how many stays without
  consent lie behind those overnights.
- Length of stay and destination are shown for the year's stays; a stay not yet ended has
  its own row, so every stay table adds up to the number of stays.
- A *day user* is counted once a year, from the first visit of the year; every attendance
  is a *day visit*, outreach (home visits, going with the user to another agency) included.
- Phone contacts are anonymous; structured conversations that stand in for a meeting
  (*enesamtaler*) are a subset of them.
- A report for a member municipality counts records whose municipality of residence is
  that municipality (for phone contacts: where the caller told it).

Tables meant for publication hide small cells (`suppression.py`); the centre's internal
view shows every figure.
"""
