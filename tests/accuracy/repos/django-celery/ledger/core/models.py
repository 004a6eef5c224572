from django.db import models


class AuditEvent(models.Model):
    """Every sign-in, permission change and export, with who did it."""

    actor = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=200)
    ip_address = models.GenericIPAddressField(null=True)
    created = models.DateTimeField(auto_now_add=True)
