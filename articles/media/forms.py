from django import forms
from django.core.files.uploadedfile import UploadedFile

from ..models import Image
from .processing import decode_upload


class ImageAdminForm(forms.ModelForm):
    """
    The image library's form. A new file is decoded and checked in
    clean_file(), so a refused upload is a form error and nothing is stored;
    the decoded pixels are kept for the admin to store with their renditions.
    """

    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        widgets = {"focal_x": forms.HiddenInput, "focal_y": forms.HiddenInput}
        # A plain file field: forms.ImageField would decode the upload once
        # more, with Pillow's own generic message for every kind of refusal.
        field_classes = {"file": forms.FileField}

    picture = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by clicking the picture; a form posted without them keeps the stored point.
        for name in ("focal_x", "focal_y"):
            self.fields[name].required = False
        # The name an upload arrives with says nothing: its decoded content
        # decides (clean_file), and the stored name takes the real format's extension.
        self.fields["file"].validators = []

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")

    def _focal(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            self.picture = decode_upload(upload)
            upload.name = self.picture.original_name()
            upload.decoded_by_form = True
        return upload
