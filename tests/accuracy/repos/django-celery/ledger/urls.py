from django.urls import path

from ledger.core import views
from ledger.reports import views as reports

urlpatterns = [
    path("health/", views.health),
    path("reports/<int:pk>/export/", reports.ExportReportView.as_view()),
]
