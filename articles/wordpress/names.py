"""
Sections, topics and people for imported posts: found, or made once.

Lookups are remembered for the run, but what an item's transaction
created is remembered only once that transaction has committed: a rolled
back item must not leave the next one pointing at a row that is gone.
"""

from django.utils.text import slugify

from articles.models import Person, Section, Tag, unique_slug

SECTION_SLUG_MAX = Section._meta.get_field("slug").max_length


class Names:
    def __init__(self, mapped_sections=None):
        # --section-map targets, checked by the command: slug -> Section
        self.mapped = dict(mapped_sections or {})
        self.known = {}
        self.pending = {}
        # Tag id -> name, to put an article's topics in order without asking.
        self.tag_names = {}

    def commit(self):
        self.known.update(self.pending)
        self.pending.clear()

    def rollback(self):
        self.pending.clear()

    def _remember(self, key, pk):
        self.pending[key] = pk
        return pk

    def _cached(self, key):
        return self.known.get(key) or self.pending.get(key)

    def section_id(self, section):
        """The section for ("map", slug) or a category's (slug, name)."""
        if section[0] == "map":
            return self.mapped[section[1]].pk
        slug, name = slugify(section[0], allow_unicode=True)[:SECTION_SLUG_MAX].strip("-"), section[1]
        key = ("section", slug or name.lower())
        if found := self._cached(key):
            return found
        existing = Section.objects.filter(slug=slug).first() or Section.objects.filter(name__iexact=name).first()
        if existing is None:
            existing = Section(slug=slug or unique_slug(Section, name, fallback="rubrik")[:SECTION_SLUG_MAX], name=name)
            if Section.objects.filter(name=name).exists():
                existing.name = f"{name} ({slug})"[: Section._meta.get_field("name").max_length]
            existing.full_clean()
            existing.save()
            return self._remember(key, existing.pk)
        self.known[key] = existing.pk
        return existing.pk

    def tag_ids(self, topics):
        ids = []
        for slug, name in topics:
            key = ("tag", name.lower())
            found = self._cached(key)
            if found is None:
                existing = Tag.objects.filter(name__iexact=name).first()
                if existing is None:
                    taken = not slug or Tag.objects.filter(slug=slug).exists()
                    existing = Tag(name=name, slug="" if taken else slug)
                    existing.full_clean(exclude=["slug"])
                    existing.save()
                    found = self._remember(key, existing.pk)
                else:
                    found = self.known[key] = existing.pk
                self.tag_names[found] = existing.name
            if found not in ids:
                ids.append(found)
        return ids

    def person(self, author):
        """
        The person for (login, display name), by name (case aside); made
        when nobody has it. Their name is loaded too: a revision names the
        people of a byline.
        """
        login, name = author
        key = ("person", name.lower())
        if found := self._cached(key):
            return found
        existing = Person.objects.filter(name__iexact=name).order_by("pk").only("pk", "name").first()
        if existing is None:
            existing = Person(name=name)
            existing.full_clean(exclude=["slug"])
            existing.save()
            return self._remember(key, existing)
        self.known[key] = existing
        return existing
