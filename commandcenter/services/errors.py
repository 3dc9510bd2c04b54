"""Errors a service raises for bad input. Nothing is changed when one is raised."""

from commandcenter.vault.errors import VaultError


class ValidationError(VaultError):
    """Bad input for one field; `field` lets a form show the message next to it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


class NotFound(VaultError):
    pass
