<?php

use App\Http\Controllers\InvoiceExportController;
use Illuminate\Support\Facades\Route;

Route::middleware(['auth', 'can:export-invoices'])->group(function () {
    Route::get('/invoices/export', [InvoiceExportController::class, 'csv']);
});
