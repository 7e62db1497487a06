package odcm.app; final class Placeholder {}
