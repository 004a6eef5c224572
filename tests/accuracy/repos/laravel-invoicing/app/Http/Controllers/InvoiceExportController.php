<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;

class InvoiceExportController extends Controller
{
    public function csv(Request $request)
    {
        $this->authorize('export', \App\Models\Invoice::class);

        return response()->streamDownload(function () use ($request) {
            echo $request->user()->invoices()->toCsv();
        }, 'invoices.csv');
    }
}
