<?php

return [
    'backup' => [
        'name' => 'invoicer',
        'source' => [
            'files' => [
                'include' => [storage_path('app/invoices'), base_path('.env')],
            ],
            'databases' => ['mysql'],
        ],
    ],
];
