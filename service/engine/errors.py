class EngineError(Exception):
    """Base class of the engine's own errors."""


class ModelDirError(EngineError):
    """The Stanza model directory is missing, unreadable or incomplete."""


class DeadlineExceeded(EngineError):
    """The article could not be processed before the caller's deadline."""
