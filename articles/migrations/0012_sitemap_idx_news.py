"""
The sitemaps' index also holds paid_kind and the headline, so that the news
sitemap reads it alone (see Article.Meta.indexes).
"""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0011_published_hours'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_sitemap_idx',
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'publish_at', 'updated_at', 'slug', 'paid_kind', 'headline'], name='article_sitemap_idx'),
        ),
    ]
