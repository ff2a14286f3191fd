"""eventcoder: political event data from news, with evidence for every field."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventcoder")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from eventcoder.pipeline import Pipeline, code_text  # noqa: E402

__all__ = ["Pipeline", "code_text", "__version__"]
