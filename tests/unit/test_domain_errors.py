import string

from pos_app.domain import errors
from pos_app.domain.errors import PosError


def _all_errors() -> list[type[PosError]]:
    return [
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type) and issubclass(obj, PosError) and obj is not PosError
    ]


def test_codes_are_unique_and_namespaced():
    codes = [cls.code for cls in _all_errors()]
    assert len(codes) == len(set(codes))
    assert all("." in code and code != PosError.code for code in codes)


def test_every_template_formats_with_its_params():
    for cls in _all_errors():
        names = {name for _, name, _, _ in string.Formatter().parse(cls.template) if name}
        error = cls(**{name: "X" for name in names})
        assert error.message and "{" not in error.message, cls
        assert str(error) == error.message
        assert error.params == {name: "X" for name in names}
