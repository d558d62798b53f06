"""Pages of speakers as people: who they are, the roles they held, and their statements."""
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from . import documents, filters
from .filters import visible
from .models import AgendaItem, SlugHistory, Statement
from .people import Person
from .views import PAGE_SIZE, follows_old_slugs, visible_statements


@require_safe
def person_list(request):
    published = Q(statements__status=Statement.Status.PUBLISHED)
    people = visible(request, Person.objects).annotate(statement_count=Count("statements", filter=published)).order_by("name")
    return render(request, "archive/people/person_list.html", {"people": people})


@require_safe
@follows_old_slugs(SlugHistory.Kind.PERSON, Person)
def person_detail(request, slug):
    person = get_object_or_404(visible(request, Person.objects), slug=slug)
    statements = visible_statements(request).filter(person=person)
    listed = statements.select_related("meeting__body", "delegation", "on_behalf_of").prefetch_related(
        # Each item's link names its meeting: loaded with the items, not once per item.
        Prefetch("agenda_items", AgendaItem.objects.select_related("meeting"))
    )
    page = Paginator(
        listed.order_by("-meeting__date_start", "meeting_id", "position", "pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    context = {
        "person": person,
        "roles": person.roles.select_related("delegation"),
        "names": person.names.all(),
        "statement_count": page.paginator.count,
        "page": page,
        "statements": page.object_list,
        "documents": documents.cited(statements)[:20],
        "browse_param": "speaker",
    }
    return render(request, "archive/people/person_detail.html", context)
