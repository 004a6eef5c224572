# A support engineer may open a customer's catalogue only through a grant the
# school's admin approved, for a stated reason, until it expires.
class SupportAccessGrant < ApplicationRecord
  belongs_to :school
  belongs_to :engineer, class_name: "User"
  belongs_to :approved_by, class_name: "User"
  validates :reason, presence: true
  validates :expires_at, presence: true
end
