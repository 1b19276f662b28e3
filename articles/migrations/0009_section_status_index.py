# A section's stories counted from the index alone (see Article.Meta.indexes).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0008_article_paid_kind'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='article',
            name='article_section_publish_idx',
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['section', 'status', '-publish_at'], name='article_section_status_idx'),
        ),
    ]
