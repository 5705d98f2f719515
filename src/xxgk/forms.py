"""Form helpers every app shares: a date input and validation messages in Chinese that name
the field ("请填写联系电话")."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# the largest whole number a database integer column holds (PostgreSQL `integer`): a form
# field without its own limit gets this one, so an outsized number is a message, not a 500
MAX_INTEGER = 2_147_483_647


def bound_integers(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.IntegerField) and field.max_value is None:
            field.max_value = MAX_INTEGER
            field.validators.append(MaxValueValidator(MAX_INTEGER))
            field.widget.attrs.setdefault("max", MAX_INTEGER)


def chinese_messages(form: forms.Form) -> None:
    bound_integers(form)
    for field in form.fields.values():
        label = field.label or ""
        if isinstance(field, forms.ChoiceField):
            field.error_messages["required"] = _("请选择%(label)s") % {"label": label}
            field.error_messages["invalid_choice"] = _("请从列表中选择%(label)s") % {"label": label}
        elif isinstance(field, forms.FileField):
            field.error_messages["required"] = _("请选择要上传的文件")
            field.error_messages["empty"] = _("上传的文件是空的")
            field.error_messages["invalid"] = _("没有收到文件，请重新选择")
        else:
            field.error_messages["required"] = _("请填写%(label)s") % {"label": label}
        if isinstance(field, forms.CharField) and field.max_length:
            # the validator fills in %(limit_value)d and %(show_value)d
            field.error_messages["max_length"] = _(
                "%(label)s最多%%(limit_value)d个字（现有%%(show_value)d个）"
            ) % {"label": label}
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _("请按“年-月-日”填写日期，如 2026-03-15")
        if isinstance(field, forms.IntegerField | forms.DecimalField):
            field.error_messages["invalid"] = (
                _("请填写整数") if isinstance(field, forms.IntegerField) else _("请填写数字")
            )
            field.error_messages["min_value"] = _("不能小于%(limit_value)s")
            field.error_messages["max_value"] = _("不能大于%(limit_value)s")
        if isinstance(field, forms.DecimalField):
            field.error_messages["max_decimal_places"] = _("最多保留%(max)s位小数")
        if isinstance(field, forms.EmailField):
            field.error_messages["invalid"] = _("电子邮箱格式不正确，如 name@example.com")
