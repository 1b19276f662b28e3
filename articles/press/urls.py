from django.urls import path

from . import feeds, views

app_name = "press"

urlpatterns = [
    path("ralat/", views.CorrectionListView.as_view(), name="corrections"),
    path("ralat/rss/", feeds.CorrectionsFeed(), name="corrections_feed"),
    path("pencabutan/", views.TakedownListView.as_view(), name="takedowns"),
]
