"""The staff admin for speakers as people: review the people imports propose, their names as written
and roles, and merge duplicates (their old addresses redirect). Registered from admin.py."""

from django.contrib import admin, messages
from django.db.models import Count

from .people import Person, PersonName, PersonRole


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ["name"]
    extra = 1


class PersonRoleInline(admin.TabularInline):
    model = PersonRole
    fields = ["title", "delegation", "start_year", "end_year"]
    autocomplete_fields = ["delegation"]
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "honorific", "status", "names_as_written", "statement_count"]
    list_filter = ["status"]
    search_fields = ["name", "names__name", "slug"]
    inlines = [PersonNameInline, PersonRoleInline]
    fields = ["name", "honorific", "status", "slug"]
    actions = ["merge_people", "confirm_people"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statement_count=Count("statements", distinct=True)).prefetch_related("names")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset, True  # searching names joins a many-side table

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj else {"slug": ["name"]}

    @admin.display(description="names as written")
    def names_as_written(self, obj):
        return "; ".join(name.name for name in obj.names.all())

    @admin.display(description="statements", ordering="statement_count")
    def statement_count(self, obj):
        return obj.statement_count

    @admin.action(description="Merge the selected people into one (the first confirmed, else the oldest)", permissions=["change"])
    def merge_people(self, request, queryset):
        from .admin import merge_records  # admin.py imports this module at its end

        people = sorted(queryset, key=lambda p: (p.status != Person.Status.CONFIRMED, p.created, p.pk))
        merge_records(self, request, people, "people")

    @admin.action(description="Confirm the selected people", permissions=["change"])
    def confirm_people(self, request, queryset):
        count = queryset.update(status=Person.Status.CONFIRMED)
        self.message_user(request, f"Confirmed {count} {'person' if count == 1 else 'people'}.", messages.SUCCESS)
