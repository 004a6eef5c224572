from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.views import View


class ExportReportView(PermissionRequiredMixin, View):
    permission_required = "reports.export_report"

    def get(self, request, pk):
        report = request.user.company.reports.get(pk=pk)
        response = HttpResponse(report.to_csv(), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="report-{pk}.csv"'
        return response
