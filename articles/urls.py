from django.urls import path

from . import views

app_name = "articles"

# Slugs are unicode (Indonesian headlines), so the plain str converter is
# used rather than Django's ASCII-only slug converter.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("berita/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("rubrik/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("topik/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("penulis/<str:slug>/", views.PersonView.as_view(), name="person"),
]
