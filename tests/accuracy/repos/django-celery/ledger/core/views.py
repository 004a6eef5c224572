from django.db import connection
from django.http import JsonResponse
from django_redis import get_redis_connection


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    get_redis_connection().ping()
    return JsonResponse({"status": "ok"})
