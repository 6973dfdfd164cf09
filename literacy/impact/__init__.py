"""Impact in numbers: public figures of learners, lessons, passes, certificates and workshops,
from daily rollups, with every group under 10 people suppressed."""
