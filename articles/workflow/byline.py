from articles.models import Contribution, Person


def person_for(user):
    """The byline person of `user`, made from their name (or login) the first time they need one."""
    person, _created = Person.objects.get_or_create(user=user, defaults={"name": user.get_full_name() or user.get_username()})
    return person


def default_byline(user):
    """The initial byline of a new article: its writer, as Penulis."""
    return [{"person": person_for(user).pk, "role": Contribution.Role.WRITER}]
