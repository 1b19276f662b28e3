from django.urls import path

from . import views

app_name = "blocks"

urlpatterns = [
    path("gambar/", views.pictures, name="pictures"),
    path("gambar/unggah/", views.upload_picture, name="upload_picture"),
    path("artikel/", views.articles, name="articles"),
    path("sematan/", views.embed, name="embed"),
]
