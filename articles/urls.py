from django.urls import path

from . import article_views, feeds, views
from .search.views import SearchView

app_name = "articles"

# Slugs are unicode (Indonesian headlines), so the plain str converter is
# used rather than Django's ASCII-only slug converter.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("berita/<str:slug>/", article_views.ArticleDetailView.as_view(), name="detail"),
    path("pratinjau/<str:token>/", article_views.SharedPreviewView.as_view(), name="preview"),
    path("rubrik/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("topik/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<str:slug>/", views.PersonView.as_view(), name="person"),
    path("indeks/", views.IndexView.as_view(), name="index"),
    path("rss/", feeds.LatestArticlesFeed(), name="feed"),
    path("rubrik/<str:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("topik/<str:slug>/rss/", feeds.TagFeed(), name="tag_feed"),
    path("penulis/<str:slug>/rss/", feeds.PersonFeed(), name="person_feed"),
    path("cari/", SearchView.as_view(), name="search"),
]
