class SupportActionLog < ApplicationRecord
  belongs_to :support_access_grant
end
