#!/bin/sh
# deploys the current checkout to the production host
set -e
rsync -az --delete ./ deploy@crm.acme.example:/srv/crm/
ssh deploy@crm.acme.example 'cd /srv/crm && composer install --no-dev && bin/console doctrine:migrations:migrate --no-interaction && bin/console cache:clear'
