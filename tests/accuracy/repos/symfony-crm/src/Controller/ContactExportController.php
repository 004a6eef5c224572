<?php

namespace App\Controller;

use Symfony\Component\HttpFoundation\Response;
use Symfony\Component\Routing\Attribute\Route;
use Symfony\Component\Security\Http\Attribute\IsGranted;

#[Route('/contacts/export')]
#[IsGranted('ROLE_EXPORT')]
class ContactExportController extends AbstractController
{
    #[Route('', methods: ['GET'])]
    public function __invoke(): Response
    {
        return $this->file($this->exporter->csv(), 'contacts.csv');
    }
}
