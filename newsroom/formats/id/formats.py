# Django's own date output (the admin's columns and read-only fields) in the
# pattern the pages use, from articles.dates: "27 November 2026, 10:15 WIB"
# rather than Django's Indonesian "27 Nov. 2026, 10.15". Input formats stay
# Django's.
from articles.dates import DATE, SHORT, TIME

DATETIME_FORMAT = SHORT
DATE_FORMAT = DATE
TIME_FORMAT = TIME
