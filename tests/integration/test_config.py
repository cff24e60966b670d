"""Config: defaults, round trip, and every kind of bad file named precisely."""

from __future__ import annotations

import pytest

from pos_app.config import Config, ConfigError, load_config, write_config


def write(tmp_path, text: str | bytes):
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_missing_file_means_defaults(tmp_path):
    cfg = load_config(tmp_path / "nope.toml")
    assert (cfg.currency, cfg.cash_rounding, cfg.prices_include_tax, cfg.devices.receipt_printer) == (
        "CNY", "none", True, "preview://")


def test_written_defaults_read_back_identical(tmp_path):
    cfg = Config(language="zh_CN", cash_rounding="down_0_1")
    write_config(cfg, tmp_path / "c.toml")
    assert load_config(tmp_path / "c.toml") == cfg


@pytest.mark.parametrize("lang_env, expected", [("zh_CN.UTF-8", "zh_CN"), ("en_US.UTF-8", "en"), ("C", "en")])
def test_language_defaults_from_system_locale(monkeypatch, lang_env, expected):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", lang_env)
    assert Config().language == expected


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ('store_idd = "S1"\n', ["unknown key 'store_idd'"]),
        ('[devices]\nprinter = "tcp://x"\n', ["unknown key 'devices.printer'"]),
        ('cash_rounding = "down"\n', ["cash_rounding", "'down' is not allowed", "'down_0_1'"]),
        ("max_quantity = \"lots\"\n", ["key 'max_quantity'", "valid integer"]),
        ('language = "fr"\n', ["key 'language'", "'zh_CN' or 'en'"]),
        ("prices_include_tax = 3\n", ["key 'prices_include_tax'"]),
        ('store_id = "s 1"\n', ["key 'store_id'", "pattern"]),
        ('[[barcode_layouts]]\nname="x"\nprefixes=["22"]\nlength=13\nkind="price"\nplu=[2, 5]\n'
         'price=[8, 5]\n', ["key 'barcode_layouts.0'", "outside the digits"]),
        ('[[barcode_layouts]]\nname="x"\nprefixes=["22"]\nlength=13\nkind="weight"\nplu=[2, 5]\n'
         'price=[7, 5]\n', ["needs exactly its weight/price fields"]),
        ("store_id = \n", ["not valid TOML"]),
    ],
)
def test_bad_config_names_file_key_and_allowed_values(tmp_path, text, fragments):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    message = str(err.value)
    assert str(path) in message
    for fragment in fragments:
        assert fragment in message


def test_non_utf8_file_is_refused(tmp_path):
    path = write(tmp_path, "store_id = '门店'".encode("gb18030"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)


def test_shift_section_reaches_the_shift_service(tmp_path):
    from pos_app.bootstrap import shift_settings

    path = write(tmp_path, '[shift]\ntolerance = "0.50"\npaid_out_reasons = ["window_cleaner"]\n'
                           '[[shift.denominations]]\ncode = "note_100"\nvalue = "100"\n'
                           '[[shift.denominations]]\ncode = "coin_0_5"\nvalue = "0.5"\n')
    settings = shift_settings(load_config(path))
    assert str(settings.tolerance) == "0.50" and settings.paid_out_reasons == ("window_cleaner",)
    assert [(d.code, str(d.value), d.is_coin) for d in settings.denominations] == [
        ("note_100", "100", False), ("coin_0_5", "0.5", True)]


@pytest.mark.parametrize("text", ['[shift]\ntolerance = "-1"\n', '[shift]\npaid_in_reasons = ["Bad Reason"]\n',
                                  '[[shift.denominations]]\ncode = "bill_100"\nvalue = "100"\n'])
def test_bad_shift_settings_are_refused(tmp_path, text):
    with pytest.raises(ConfigError, match="shift"):
        load_config(write(tmp_path, text))
