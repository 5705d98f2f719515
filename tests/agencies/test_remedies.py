"""Who reviews an agency's acts (行政复议法 as revised in 2023), one test per rule, and the
remedy sentence of a reply letter."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from tests.applications import factories
from xxgk.agencies.models import Agency
from xxgk.agencies.remedies import remedy_notice, review_bodies, review_body_text

pytestmark = pytest.mark.django_db
Kind, Route = Agency.Kind, Agency.ReviewRoute
OLD_WORDING = ("本级人民政府或上一级主管部门", "本级人民政府或者上一级主管部门")  # before 2024


@pytest.fixture
def city():
    return factories.agency(code="city", name="示范市人民政府", kind=Kind.GOVERNMENT)


def test_a_department_is_reviewed_by_its_government(city):  # art. 24 ¶1 (1)
    bureau = factories.agency(name="示范市住房和城乡建设局", parent=city)
    assert review_bodies(bureau) == ("示范市人民政府",)


def test_a_sub_unit_is_reviewed_by_the_government_of_its_department(city):  # art. 24 ¶1 (4), ¶4
    bureau = factories.agency(name="示范市生态环境局", parent=city)
    unit = factories.agency(name="示范市生态环境局滨江分局", parent=bureau, kind=Kind.SUB_UNIT)
    assert review_bodies(unit) == ("示范市人民政府",)


def test_the_supervising_office_is_reviewed_by_its_government(city):
    office = factories.agency(parent=city, kind=Kind.SUPERVISING_OFFICE)
    assert review_bodies(office) == ("示范市人民政府",)


def test_a_government_is_reviewed_by_the_government_above():  # art. 24 ¶1 (2)
    province = factories.agency(name="示范省人民政府", kind=Kind.GOVERNMENT)
    city = factories.agency(name="示范市人民政府", kind=Kind.GOVERNMENT, parent=province)
    district = factories.agency(name="示范市滨江区人民政府", kind=Kind.GOVERNMENT, parent=city)
    assert review_bodies(city) == ("示范省人民政府",)
    assert review_bodies(district) == ("示范市人民政府",)


def test_without_the_tree_above_the_words_stay_lawful():
    government = factories.agency(kind=Kind.GOVERNMENT)
    department = factories.agency()
    assert review_bodies(government) == ("上一级人民政府",)
    assert review_bodies(department) == ("本级人民政府",)


def test_a_vertically_led_agency_goes_to_the_department_above(city):  # art. 27
    province = factories.agency(name="国家税务总局示范省税务局")
    local = factories.agency(
        name="国家税务总局示范市税务局", parent=province, review_route=Route.VERTICAL
    )
    # registered under the city government (for its portal), the tree does not know the
    # department above: the law's own words
    customs = factories.agency(name="示范海关", parent=city, review_route=Route.VERTICAL)
    assert review_bodies(local) == ("国家税务总局示范省税务局",)
    assert review_bodies(customs) == ("上一级主管部门",)


def test_a_justice_department_may_be_reviewed_by_either(city):  # art. 28
    justice = factories.agency(name="示范市司法局", parent=city, review_route=Route.JUSTICE)
    assert review_bodies(justice) == ("示范市人民政府", "上一级司法行政部门")
    assert review_body_text(justice) == "示范市人民政府或者上一级司法行政部门"
    office = factories.agency(name="示范市司法所", parent=justice, kind=Kind.SUB_UNIT)
    assert review_bodies(office) == ("示范市人民政府",)  # a 派出机构: art. 24 ¶4


def test_a_state_council_department_reviews_its_own_acts():  # art. 25 (1); art. 24 ¶2
    ministry = factories.agency(name="示范部", review_route=Route.SELF)
    assert review_bodies(ministry) == ("示范部",)


def test_the_override_wins(city):
    justice = factories.agency(
        parent=city, review_route=Route.JUSTICE, review_body=" 示范市人民政府或者示范省司法厅 "
    )
    vertical = factories.agency(parent=city, review_route=Route.VERTICAL, review_body="示范省局")
    city.review_body = "示范省人民政府"
    assert review_bodies(justice) == ("示范市人民政府或者示范省司法厅",)
    assert review_bodies(vertical) == ("示范省局",)
    assert review_bodies(city) == ("示范省人民政府",)


def test_a_loop_in_the_tree_ends_the_walk():
    a = factories.agency()
    b = factories.agency(parent=a)
    Agency.objects.filter(pk=a.pk).update(parent=b)
    a.refresh_from_db()
    assert review_bodies(a) == ("本级人民政府",)


def test_the_remedy_sentence(city):
    justice = factories.agency(parent=city, review_route=Route.JUSTICE)
    assert remedy_notice(justice) == (
        "如对本答复不服，可以自收到本答复之日起六十日内向示范市人民政府或者上一级司法行政部门"
        "申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。"
    )
    assert not any(old in remedy_notice(justice) for old in OLD_WORDING)


def test_a_government_cannot_be_vertically_led_or_a_justice_department(city):
    for route in (Route.VERTICAL, Route.JUSTICE):
        city.review_route = route
        with pytest.raises(ValidationError) as err:
            city.full_clean()
        assert "review_route" in err.value.message_dict
    city.review_route = Route.SELF
    city.full_clean()


def test_no_letter_or_page_keeps_the_wording_before_2024():
    """Migrations keep their history; nothing else in the source, the templates, the shipped
    letter templates or the translations says 本级人民政府或（者）上一级主管部门."""
    from pathlib import Path

    import xxgk
    from xxgk.applications import letter_docx

    root = Path(xxgk.__file__).parent
    found = []
    for path in root.rglob("*"):
        if "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix in (".py", ".html", ".po", ".txt", ".xml"):
            text = path.read_text(encoding="utf-8")
        elif path.suffix == ".docx":
            text = letter_docx.text_of(path.read_bytes())
        else:
            continue
        if any(old in text for old in OLD_WORDING):
            found.append(str(path.relative_to(root)))
    assert found == []
